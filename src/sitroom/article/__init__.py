"""What a report page holds besides its article: the boilerplate model and page metadata; and the
text basics its readers share: date, weekday and number words (`words`), passage overlap (`shingles`)."""
