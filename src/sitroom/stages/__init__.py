"""Pipeline stages, one module per stage; `base` holds the stage protocol they share."""
