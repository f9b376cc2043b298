"""业主与房屋: buildings, units and the people tied to them."""
