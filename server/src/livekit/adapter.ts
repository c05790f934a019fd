/**
 * The only file that talks to livekit-server-sdk. Everything LiveKit-shaped the server needs —
 * room creation, short-lived single-room join tokens with explicit grants, reachability,
 * webhook verification — goes through this adapter, so the rest of the server speaks domain.
 */
import { AccessToken, RoomServiceClient, TrackSource, WebhookReceiver } from 'livekit-server-sdk';
import { describeLiveKitStatus, type LiveKitStatus } from './livekit-status.ts';

/** Connection details of a LiveKit server. */
export interface LiveKitConnection {
  url: string;
  apiKey: string;
  apiSecret: string;
  /** What a supervised, embedded server is doing (absent for an external one). */
  status?: () => LiveKitStatus;
}

/** What a token lets its holder do in its one room. */
export interface MediaGrant {
  canPublish: boolean;
  canSubscribe: boolean;
  canPublishData: boolean;
  canPublishSources?: TrackSource[];
}

/**
 * Every source but the microphone: what someone whose plenary microphone a facilitator locked may
 * still publish. LiveKit unpublishes a track whose source a permission update no longer allows.
 */
export const WITHOUT_MICROPHONE: TrackSource[] = [
  TrackSource.CAMERA,
  TrackSource.SCREEN_SHARE,
  TrackSource.SCREEN_SHARE_AUDIO,
];

/** A minted join token. */
export interface MintedToken {
  token: string;
  expiresAt: Date;
}

/** Join tokens live minutes; LiveKit refreshes tokens of connected clients itself. */
export const TOKEN_TTL_SECONDS = 5 * 60;
/** LiveKit still accepts a token this long after its `exp` (clock skew leeway). */
export const LIVEKIT_EXPIRY_LEEWAY_SECONDS = 60;

/** Adapter over one LiveKit server. */
export class LiveKitAdapter {
  readonly url: string;
  private readonly rooms: RoomServiceClient;
  private readonly webhooks: WebhookReceiver;

  constructor(private readonly conn: LiveKitConnection) {
    this.url = conn.url;
    this.rooms = new RoomServiceClient(conn.url.replace(/^ws/, 'http'), conn.apiKey, conn.apiSecret);
    this.webhooks = new WebhookReceiver(conn.apiKey, conn.apiSecret);
  }

  /** Mints a token for exactly one room, with every media grant set explicitly. */
  async mintToken(args: {
    room: string;
    identity: string;
    name: string;
    grant: MediaGrant;
  }): Promise<MintedToken> {
    const at = new AccessToken(this.conn.apiKey, this.conn.apiSecret, {
      identity: args.identity,
      name: args.name,
      // Minted shorter by LiveKit's leeway, so the lifetime it really has is TOKEN_TTL_SECONDS.
      ttl: TOKEN_TTL_SECONDS - LIVEKIT_EXPIRY_LEEWAY_SECONDS,
    });
    at.addGrant({
      room: args.room,
      roomJoin: true,
      canPublish: args.grant.canPublish,
      canSubscribe: args.grant.canSubscribe,
      canPublishData: args.grant.canPublishData,
      ...(args.grant.canPublishSources ? { canPublishSources: args.grant.canPublishSources } : {}),
    });
    const token = await at.toJwt();
    return { token, expiresAt: new Date(Date.now() + TOKEN_TTL_SECONDS * 1000) };
  }

  /** Creates the room, or updates it if it exists (idempotent); call before handing out tokens. */
  async ensureRoom(
    name: string,
    opts: { emptyTimeout?: number; departureTimeout?: number } = {},
  ): Promise<void> {
    await this.rooms.createRoom({
      name,
      emptyTimeout: opts.emptyTimeout ?? 300,
      departureTimeout: opts.departureTimeout ?? 60,
    });
  }

  /**
   * Replaces a connected participant's media permissions (LiveKit replaces the whole set, so
   * every flag is sent); revoking canPublish unpublishes at once, without a reconnect.
   */
  async setPermissions(room: string, identity: string, grant: MediaGrant): Promise<void> {
    await this.rooms.updateParticipant(room, identity, {
      permission: {
        canPublish: grant.canPublish,
        canSubscribe: grant.canSubscribe,
        canPublishData: grant.canPublishData,
        canPublishSources: grant.canPublishSources ?? [],
        hidden: false,
        canUpdateMetadata: false,
        canSubscribeMetrics: false,
      },
    });
  }

  /** Disconnects one identity from a room at once (a removed person); gone already is fine. */
  async removeParticipant(room: string, identity: string): Promise<void> {
    await this.rooms.removeParticipant(room, identity).catch((err: unknown) => {
      if (!/not found|does not exist/i.test(String((err as { message?: unknown })?.message))) throw err;
    });
  }

  /** Identities currently connected to a room. */
  async listIdentities(room: string): Promise<string[]> {
    const participants = await this.rooms.listParticipants(room);
    return participants.map((p) => p.identity);
  }

  /** The supervisor's view of an embedded server; undefined for an external one. */
  status(): LiveKitStatus | undefined {
    return this.conn.status?.();
  }

  /** Resolves if the server answers within timeoutMs, rejects with what is wrong in words. */
  async ping(timeoutMs = 2000): Promise<void> {
    const status = this.status();
    if (status && status.state !== 'running') throw new Error(describeLiveKitStatus(status));
    let res: Response;
    try {
      res = await fetch(`${this.url.replace(/^ws/, 'http')}/`, { signal: AbortSignal.timeout(timeoutMs) });
    } catch {
      throw new Error('LiveKit is not reachable');
    }
    if (!res.ok) throw new Error(`LiveKit answered ${res.status}`);
  }

  /** Verifies a webhook's signature and parses it; throws when it is not from our server. */
  async receiveWebhook(rawBody: string, authorization: string | undefined) {
    return this.webhooks.receive(rawBody, authorization);
  }
}
