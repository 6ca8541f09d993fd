/**
 * A fake Web Bluetooth GATT tree (device → server → service → characteristics) with the semantics muse-js
 * relies on: EventTarget events, notifications carrying a DataView over its own 20-byte buffer, and objects that
 * go stale after a disconnect, so a client must fetch the server, service and characteristics again.
 */

/** A DOMException as Chrome raises it; `DOMException` exists in browsers and in Node ≥ 17. */
export function gattError(name: string, message: string): Error {
  return new DOMException(message, name);
}

const DISCONNECTED =
  'GATT Server is disconnected. Cannot perform GATT operations. (Re)connect first with `device.gatt.connect`.';

export interface GattBackend {
  /** Rejects (a NetworkError) when the headset is out of reach. */
  canConnect(): boolean;
  /** When true, connect() to a headset out of reach waits for it (as Chrome's can) instead of failing at once. */
  readonly connectWaits?: boolean;
  onConnected(server: FakeGattServer): void;
  onDisconnected(): void;
  /** A write to a characteristic; the control characteristic gets commands. */
  onWrite(uuid: string, bytes: Uint8Array): void;
  /** The characteristic UUIDs of the one primary service. */
  readonly characteristicUuids: readonly string[];
  readonly serviceUuids: readonly (number | string)[];
}

export class FakeCharacteristic extends EventTarget {
  value: DataView | null = null;
  notifying = false;
  readonly properties = { notify: true, write: true, writeWithoutResponse: true, read: false };

  constructor(
    readonly service: FakeService,
    readonly uuid: string,
    private readonly generation: number,
  ) {
    super();
  }

  private live(): boolean {
    return this.service.device.gattServer.isLive(this.generation);
  }

  async startNotifications(): Promise<this> {
    if (!this.live()) throw gattError('NetworkError', DISCONNECTED);
    this.notifying = true;
    return this;
  }

  async stopNotifications(): Promise<this> {
    if (!this.live()) throw gattError('NetworkError', DISCONNECTED);
    this.notifying = false;
    return this;
  }

  async writeValue(value: BufferSource): Promise<void> {
    if (!this.live()) throw gattError('NetworkError', DISCONNECTED);
    const bytes = ArrayBuffer.isView(value)
      ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice()
      : new Uint8Array(value).slice();
    this.service.device.backend.onWrite(this.uuid, bytes);
  }

  writeValueWithResponse(value: BufferSource): Promise<void> {
    return this.writeValue(value);
  }

  writeValueWithoutResponse(value: BufferSource): Promise<void> {
    return this.writeValue(value);
  }

  async readValue(): Promise<DataView> {
    throw gattError('NotSupportedError', 'GATT operation not permitted.');
  }

  /** Delivers one notification, as the browser does: `value` is a fresh DataView, then the event fires. */
  notify(bytes: Uint8Array): boolean {
    if (!this.notifying || !this.live()) return false;
    this.value = new DataView(bytes.slice().buffer);
    this.dispatchEvent(new Event('characteristicvaluechanged'));
    return true;
  }
}

export class FakeService {
  readonly isPrimary = true;
  readonly characteristics = new Map<string, FakeCharacteristic>();

  constructor(
    readonly device: FakeBluetoothDevice,
    readonly uuid: string,
    private readonly generation: number,
  ) {
    for (const id of device.backend.characteristicUuids) {
      this.characteristics.set(id, new FakeCharacteristic(this, id, generation));
    }
  }

  async getCharacteristic(id: string | number): Promise<FakeCharacteristic> {
    if (!this.device.gattServer.isLive(this.generation)) throw gattError('NetworkError', DISCONNECTED);
    const found = this.characteristics.get(String(id).toLowerCase());
    if (!found)
      throw gattError('NotFoundError', `No Characteristics matching UUID ${String(id)} found in Service.`);
    return found;
  }

  async getCharacteristics(): Promise<FakeCharacteristic[]> {
    return [...this.characteristics.values()];
  }
}

export class FakeGattServer {
  connected = false;
  /** Bumped on every connection; objects of an older generation are stale. */
  private generation = 0;
  private service: FakeService | null = null;
  /** connect() calls waiting for the headset to come into reach. */
  private readonly waiting = new Set<{ resolve: () => void; reject: (err: Error) => void }>();

  constructor(readonly device: FakeBluetoothDevice) {}

  isLive(generation: number): boolean {
    return this.connected && generation === this.generation;
  }

  async connect(): Promise<this> {
    if (this.connected) return this;
    while (!this.device.backend.canConnect()) {
      if (!this.device.backend.connectWaits) {
        throw gattError('NetworkError', 'Connection failed for unknown reason.');
      }
      await new Promise<void>((resolve, reject) => this.waiting.add({ resolve, reject }));
      if (this.connected) return this;
    }
    this.generation++;
    this.connected = true;
    this.service = new FakeService(this.device, String(this.device.backend.serviceUuids[0]), this.generation);
    this.device.backend.onConnected(this);
    return this;
  }

  /** The service's characteristic for the current connection, or null when disconnected. */
  characteristic(uuid: string): FakeCharacteristic | null {
    return this.connected ? (this.service?.characteristics.get(uuid) ?? null) : null;
  }

  async getPrimaryService(id: number | string): Promise<FakeService> {
    if (!this.connected || !this.service) throw gattError('NetworkError', DISCONNECTED);
    const wanted = this.device.backend.serviceUuids.some((s) => sameUuid(s, id));
    if (!wanted) throw gattError('NotFoundError', `No Services matching UUID ${String(id)} found in Device.`);
    return this.service;
  }

  /** The headset came into reach: waiting connect() calls go on. */
  wake(): void {
    const waiting = [...this.waiting];
    this.waiting.clear();
    for (const w of waiting) w.resolve();
  }

  /** As the spec's disconnect(): every connect() still under way is aborted first, then the link is dropped. */
  disconnect(): void {
    const waiting = [...this.waiting];
    this.waiting.clear();
    for (const w of waiting) w.reject(gattError('AbortError', 'Connection attempt aborted by disconnect().'));
    this.drop();
  }

  /** Link lost or closed: everything of this connection goes stale, and the device says so once. */
  drop(): void {
    if (!this.connected) return;
    this.connected = false;
    this.service = null;
    this.device.backend.onDisconnected();
    this.device.dispatchEvent(new Event('gattserverdisconnected'));
  }
}

export class FakeBluetoothDevice extends EventTarget {
  readonly gattServer: FakeGattServer;
  readonly watchingAdvertisements = false;

  constructor(
    readonly id: string,
    readonly name: string,
    readonly backend: GattBackend,
  ) {
    super();
    this.gattServer = new FakeGattServer(this);
  }

  get gatt(): FakeGattServer {
    return this.gattServer;
  }

  async forget(): Promise<void> {
    this.gattServer.disconnect();
  }
}

function sameUuid(a: number | string, b: number | string): boolean {
  const norm = (u: number | string) =>
    typeof u === 'number'
      ? `0000${u.toString(16).padStart(4, '0')}-0000-1000-8000-00805f9b34fb`
      : u.toLowerCase();
  return norm(a) === norm(b);
}
