"""The genesys rules, L7xx: Genesys feature versions, check-out caps, Java Flex products, the genesys.d daemon."""
