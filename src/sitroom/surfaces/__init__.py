"""How people reach sitroom: the command line, the web room, watch and bench."""
