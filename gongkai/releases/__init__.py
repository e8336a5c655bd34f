"""Released files (依申请公开的政府信息): the records staff gather for an application,
their review one by one (公开 / 部分公开 / 不予公开, each with its ground), the
redacted copy a partial release needs, and the applicant's download of what was
released to them. docs/reference/releases.md."""
