// Placeholder so a room with no sources yet still forms a library target.
