// The few globals src/model may use: those every world it runs in has (page, worker, extension pages,
// Node), declared here because the model compiles without the DOM's or Node's types.
declare class URL {
  constructor(url: string, base?: string);
  readonly hostname: string;
  readonly href: string;
}
