// Which of the extension worker's recordings (`__gpumem.sessions()`) is the page's: the one at its URL, or
// the only one (a browser of the CLI's or the fixture's has one tab).
export interface SessionInfo {
  tabId: number;
  url: string;
}

export function sessionOf(list: readonly SessionInfo[], url: string): SessionInfo | undefined {
  return list.find((s) => s.url === url) ?? (list.length === 1 ? list[0] : undefined);
}
