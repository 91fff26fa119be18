"""The quality harness: gold annotations in, precision/recall/F1 per fact kind out."""
