/** What a promise came to: 'passed', or the error's `code` (its name when it has none). */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'passed';
  } catch (e) {
    return (e as { code?: string; name: string }).code ?? (e as Error).name;
  }
}
