"""ictroles: job descriptions, person specifications, adverts and competence matrices for
school ICT support staff, from the ICT Competences Framework."""

__version__ = "0.1.0"
