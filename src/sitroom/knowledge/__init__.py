"""What sitroom knows before reading: the gazetteer, roles and titles, actor sides (`sides`), geometry (`geo`)."""
