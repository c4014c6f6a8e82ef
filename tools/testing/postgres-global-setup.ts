// Placeholder until the database layer lands: starts nothing.
export default function globalSetup(): void {}
