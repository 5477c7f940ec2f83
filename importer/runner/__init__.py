"""The runner: one workbook against the AdminCenter (docs/runner.md).

Public API: `run.run_workbook`, `run.plan_workbook`, `options.RunOptions`,
`summary.RunSummary`, `progress.Progress`. Nothing is imported here, so that
importing a small module of the runner stays cheap.
"""
