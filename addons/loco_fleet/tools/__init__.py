from . import signature_image
