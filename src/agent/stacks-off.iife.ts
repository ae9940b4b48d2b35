// Registered by the background to run just before the agent when the user switched creation stacks off
// (options page): it leaves a mark the agent reads at install. It is the agent's only input at that point.
Object.defineProperty(globalThis, Symbol.for('gpumem.stacks-off'), { value: true });
