from . import loco_donation_export
