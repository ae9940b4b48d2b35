// The agent's private channel to the relay (the isolated-world content script). Both run at document_start,
// before any page script: the agent makes a node that it never attaches to the page and hands it to the
// relay once, as the relatedTarget of a hello event on the document, at a moment when no page code exists to
// see it. From then on batches, flushes and settings are events on that node: the page holds no reference
// to it, so it can neither send on it, nor listen to it, nor stop its events (they never reach the document
// or the window, where a page's capture listener would see them first).
//
// Either script may start first: the agent offers the node when it installs, and again each time a relay
// announces itself on the document, until a relay has taken it (its ack comes on the node itself). After
// that no announcement gets an answer, so a page that fires one later learns nothing.
import { EVENT_AGENT_HELLO, EVENT_BATCH, EVENT_RELAY_READY } from '../model/model';
import { FunctionCall } from './natives';

type Listen = (target: EventTarget, type: string, cb: (e: Event) => void) => void;

/** EventTarget.prototype.addEventListener, captured now and called uncurried. */
export function uncurryListen(): Listen {
  const add = EventTarget.prototype.addEventListener;
  return (target, type, cb) => void FunctionCall(add, target, type, cb);
}

export interface Channel {
  /** Hands a batch's JSON to the relay (synchronously: the relay's listener runs inside the dispatch). */
  send(json: string): void;
  /** Listens for a relay message on the channel; `cb` gets the event's detail. */
  on(type: string, cb: (detail: unknown) => void): void;
  /** Offers the channel to a relay already listening; call once the agent's listeners are in place. */
  offer(): void;
}

export function openChannel(doc: Document, onReady: () => void): Channel {
  const dispatch = EventTarget.prototype.dispatchEvent;
  const listen = uncurryListen();
  const CE = CustomEvent;
  const ME = MouseEvent;
  const detailOf = Object.getOwnPropertyDescriptor(CustomEvent.prototype, 'detail')!.get!;
  const node = FunctionCall(Document.prototype.createElement, doc, 'div') as HTMLElement;
  let taken = false;

  const offer = (): void => {
    if (taken) return;
    FunctionCall(dispatch, doc, new ME(EVENT_AGENT_HELLO, { __proto__: null, relatedTarget: node } as MouseEventInit));
  };
  // The relay's ack, on the node: the channel is open.
  listen(node, EVENT_RELAY_READY, () => {
    if (taken) return;
    taken = true;
    onReady();
  });
  // A relay that starts after the agent announces itself on the document.
  listen(doc, EVENT_RELAY_READY, () => {
    try {
      offer();
    } catch {
      // Nothing to report to yet; the next announcement tries again.
    }
  });

  return {
    // Event init dictionaries without a prototype: the browser reads every member it knows from them, and a
    // getter the page put on Object.prototype (bubbles, composed…) must not run, nor throw, here.
    send: (json) => void FunctionCall(dispatch, node, new CE(EVENT_BATCH, { __proto__: null, detail: json } as CustomEventInit)),
    on: (type, cb) =>
      listen(node, type, (e) => {
        cb(FunctionCall(detailOf, e));
      }),
    offer,
  };
}
