"""The interchange format (spec/interchange.md): validate, import, export."""
