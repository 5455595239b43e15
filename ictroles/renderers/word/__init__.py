"""Word documents: job description, person specification and job advert (python-docx)."""
