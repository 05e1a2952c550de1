from . import clock, distance, settings, signature_image
