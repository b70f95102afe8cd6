"""The projected live scoreboard: `callsim scoreboard`, and in a browser via `callsim serve`."""
