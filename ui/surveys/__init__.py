"""Satisfaction survey screens: the plans, keyboard entry of returns, results with charts and
corrective actions, the questionnaire and report printed."""

from ui.registry import PageSpec

PAGES = (PageSpec("surveys", "满意度调查", "ui.surveys.surveys_page:SurveysPage", "app.surveys:nav_badge"),)
