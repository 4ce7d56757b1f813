"""The web UI: a Gradio app (app.py) with its chat, lookup, library and eval tabs, and an API."""
