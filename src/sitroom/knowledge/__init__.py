"""What sitroom knows before reading: the gazetteer, roles and titles, actor sides, word lists, geometry."""
