"""入伙交付: the move-in page, the handover window, the building overview, appointments and defects."""
