"""The main window's actions and their flows, one module per flow, each a mixin of
``gui.main_window.MainWindow`` (the window keeps the widgets, menus and settings):

- ``opening``: open files or a folder, recent files, drag and drop, reading with progress and cancel
- ``editing``: accept corrections, restore a value, discard edits, the cell menu, next/previous problem
- ``exporting``: corrected copy, corrected template, summary workbook, choosing where to save
- ``printing``: the correction sheet's preview, print and PDF
- ``closing``: the unsaved-edits prompt, closing a report, closing the window
- ``last_year``: last year's report for a draft (menu, dropped on the draft, remembered per draft),
  a folder of last year's reports paired with the open drafts by reporting body
- ``autosaving``: storing unexported edits and offering them back after a crash
- ``host``: what the mixins may use of the window (for type checkers)
"""
