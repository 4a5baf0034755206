"""The plan outline: vision, objectives, departments, phases with their wishes, the backlog."""
