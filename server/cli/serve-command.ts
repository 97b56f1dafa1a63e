export async function serveCommand(_args: string[]): Promise<number> { return 2; }
