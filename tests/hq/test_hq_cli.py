"""frontdesk hq …: the same services from the command line."""

from __future__ import annotations

from openpyxl import load_workbook

from app.cli import main


def test_hq_commands(db_url, tmp_path, folder, site_books, capsys):
    base = ["--home", str(tmp_path / "hq"), "--db", db_url]
    assert main(base + ["hq", "init", "--company", "示例物业服务有限公司"]) == 0
    out = capsys.readouterr().out
    assert "已建立总部数据目录" in out and "管理员初始密码" in out

    assert main(base + ["hq", "import", str(folder)]) == 0
    assert "共 8 个文件：导入 8，重复跳过 0，拒绝 0" in capsys.readouterr().out
    assert main(base + ["hq", "import", str(folder)]) == 0
    assert "重复跳过 8" in capsys.readouterr().out

    assert main(base + ["hq", "status", "--month", "2026-11"]) == 0
    out = capsys.readouterr().out
    # The command runs on today's date (after November): every later working day is missing too.
    assert "C3 锦绣家园服务中心：最后收到 2026-11-04；缺失工作日 11-03、11-05、" in out
    assert "A1 阳光花园服务中心：最后收到 2026-11-04；缺失工作日 11-05、" in out

    assert main(base + ["hq", "site", "A1", "--households", "100"]) == 0
    assert main(base + ["hq", "report", "--month", "2026-11", "--out", str(tmp_path / "r.xlsx")]) == 0
    ws = load_workbook(tmp_path / "r.xlsx")["各站点指标"]
    assert ws["A5"].value == "合计" and ws.cell(2, 3).value == 100

    assert main(base + ["hq", "export", "--from", "2026-11-02", "--to", "2026-11-04",
                        "--out", str(tmp_path / "all.xlsx")]) == 0
    assert "来访来电 11" in capsys.readouterr().out

    assert main(base + ["hq", "report", "--month", "2026-13", "--out", str(tmp_path / "x.pdf")]) == 2
    assert "月份" in capsys.readouterr().err
