"""Views of the web UI, one module per part of the chain; all of them require login and a role."""
