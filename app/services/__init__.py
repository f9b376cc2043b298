"""Use cases. Each public function is one unit of work: it opens its own Session,
does the whole job, commits and returns plain dataclasses (never ORM objects).

Call convention: ``module.verb_noun(ctx, ...)`` where ``ctx`` is an
:class:`app.services.context.Context` carrying the engine, the paths, the clock and
the logged-in staff member (``ctx.actor``).
"""
