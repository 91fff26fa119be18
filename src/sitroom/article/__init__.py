"""What a report page holds besides its article: the boilerplate model and page metadata."""
