"""The demo region and its ledgers (``gongkai demo``)."""

# The parts ``gongkai demo --only`` accepts; gongkai.demo.loader.PARTS builds them.
PART_NAMES = ("seed-003", "seed-002", "synthetic")
