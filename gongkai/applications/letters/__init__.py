"""Letters: the shipped templates, their rendering to text, and the official-letter
DOCX layout (GB/T 9704)."""
