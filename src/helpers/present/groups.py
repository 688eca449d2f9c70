"""The index's groups of reports (a page says its group: ``Page(..., group=...)``), and those whose
entries show their page's first chart as a thumbnail. The province profiles and the indicator
profiles are lists of names (with a latest value): 34 thumbnails of near-identical charts told a
reader nothing and made the index eight screens long, and a profile without a chart showed an empty
box. A page makes a thumbnail only in a group that shows one."""

GROUPS = ("overview", "topic", "province", "profile")
THUMBNAILS = ("overview", "topic")
