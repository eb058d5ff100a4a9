"""Files → validated rows → services: one module per source format, shared summary and errors."""
