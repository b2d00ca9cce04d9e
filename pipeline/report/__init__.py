"""The review report: one self-contained HTML page of a pipeline database's events — a summary, the
alliance network, a sortable and filterable table of events whose rows open onto their evidence
sentences with parties, trigger, amount and date marked, and a profile per organisation.

  data     the events in scope and their evidence, read from the database (`load_report_data`)
  marks    what is marked in an evidence sentence (also the labels of the spaCy span group)
  layout   the network's node positions (networkx), computed here, drawn as inline SVG
  render   the page from Jinja2 templates (templates/), everything inline (`build_report`)
  spans_view  displaCy's span view of one text (`alliances explain --html`)
"""
