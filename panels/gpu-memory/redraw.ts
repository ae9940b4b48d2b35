// The panel's one redraw throttle: data arriving, the history finishing, and the clock (ages, the charts'
// live edge) all ask for a redraw here, and the panel redraws at most every RENDER_MS, at least once a
// second while shown, and not at all while hidden (DevTools shows another panel, or the tab is in the
// background): a hidden panel spends no time drawing.
export const RENDER_MS = 200;
const CLOCK_MS = 1000;

export class Redraw {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private clock: ReturnType<typeof setInterval> | null = null;
  private shown = true;

  constructor(private readonly draw: () => void) {
    this.clock = setInterval(() => this.request(), CLOCK_MS);
  }

  /** A redraw is due; `now` when it should not wait (the recording just finished loading). */
  request(now = false): void {
    // Hidden: nothing to draw; showing the panel draws it whole.
    if (!this.shown) return;
    if (now) {
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = null;
      this.draw();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.draw();
    }, RENDER_MS);
  }

  /** The panel was shown or hidden: hidden, it stops its clock and draws nothing until shown again. */
  setShown(shown: boolean): void {
    if (shown === this.shown) return;
    this.shown = shown;
    if (!shown) {
      if (this.timer !== null) clearTimeout(this.timer);
      if (this.clock !== null) clearInterval(this.clock);
      this.timer = null;
      this.clock = null;
      return;
    }
    this.clock = setInterval(() => this.request(), CLOCK_MS);
    // Whatever came meanwhile, and the clock's own change, at once.
    this.request(true);
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.clock !== null) clearInterval(this.clock);
    this.timer = null;
    this.clock = null;
  }
}
