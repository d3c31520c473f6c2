import { describeValue, type Parsed } from './domain-error.ts';

/** Each platform's handle rule and profile link, as data. WhatsApp goes by phone number. */
export const SOCIAL_PLATFORMS = {
  instagram: {
    label: 'Instagram',
    pattern: /^[A-Za-z0-9._]{1,30}$/,
    example: 'jordan.lee',
    url: 'https://instagram.com/',
  },
  tiktok: {
    label: 'TikTok',
    pattern: /^[A-Za-z0-9._]{2,24}$/,
    example: 'jordan.lee',
    url: 'https://www.tiktok.com/@',
  },
  x: { label: 'X', pattern: /^[A-Za-z0-9_]{1,15}$/, example: 'jordanlee', url: 'https://x.com/' },
  snapchat: {
    label: 'Snapchat',
    pattern: /^[A-Za-z][A-Za-z0-9._-]{2,14}$/,
    example: 'jordanlee',
    url: 'https://www.snapchat.com/add/',
  },
  linkedin: {
    label: 'LinkedIn',
    pattern: /^[A-Za-z0-9-]{3,100}$/,
    example: 'jordan-lee',
    url: 'https://www.linkedin.com/in/',
  },
  telegram: {
    label: 'Telegram',
    pattern: /^[A-Za-z][A-Za-z0-9_]{4,31}$/,
    example: 'jordanlee',
    url: 'https://t.me/',
  },
  signal: {
    label: 'Signal',
    pattern: /^[A-Za-z_][A-Za-z0-9_]{2,31}\.\d{2,9}$/,
    example: 'jordan.42',
    url: 'https://signal.me/#u/',
  },
  whatsapp: {
    label: 'WhatsApp',
    pattern: /^\+[1-9]\d{6,14}$/,
    example: '+4917012345678',
    url: 'https://wa.me/',
  },
} as const;

export type SocialPlatform = keyof typeof SOCIAL_PLATFORMS;
export const SOCIAL_PLATFORM_NAMES = Object.keys(SOCIAL_PLATFORMS) as SocialPlatform[];

export interface SocialHandle {
  platform: SocialPlatform;
  handle: string;
}

/**
 * Reads a handle as people paste it ("@jordan.lee", "instagram.com/jordan.lee/") for one platform.
 * @example parseSocialHandle('instagram', '@jordan.lee') // { ok: true, value: { platform: 'instagram', handle: 'jordan.lee' } }
 */
export function parseSocialHandle(platform: unknown, text: unknown): Parsed<SocialHandle> {
  if (typeof platform !== 'string' || !Object.hasOwn(SOCIAL_PLATFORMS, platform)) {
    return {
      ok: false,
      problems: [
        {
          field: 'platform',
          message: `unknown platform ${describeValue(platform)}: allowed are ${SOCIAL_PLATFORM_NAMES.join(', ')}`,
        },
      ],
    };
  }
  const rule = SOCIAL_PLATFORMS[platform as SocialPlatform];
  const handle =
    typeof text === 'string'
      ? text
          .trim()
          .replace(/^https?:\/\/(www\.)?[^/]+\/(in\/|add\/|#u\/)?/i, '')
          .replace(/^@/, '')
          .replace(/\/+$/, '')
      : '';
  if (
    platform === 'whatsapp' ? !rule.pattern.test(handle.replace(/[\s()-]/g, '')) : !rule.pattern.test(handle)
  ) {
    return {
      ok: false,
      problems: [
        {
          field: 'handle',
          message: `${describeValue(text)} is not a ${rule.label} handle, e.g. ${rule.example}`,
        },
      ],
    };
  }
  const value = platform === 'whatsapp' ? handle.replace(/[\s()-]/g, '') : handle;
  return { ok: true, value: { platform: platform as SocialPlatform, handle: value } };
}

/** The profile link of a handle, e.g. https://instagram.com/jordan.lee. */
export function profileUrl({ platform, handle }: SocialHandle): string {
  const base = SOCIAL_PLATFORMS[platform].url;
  return platform === 'whatsapp' ? `${base}${handle.slice(1)}` : `${base}${encodeURIComponent(handle)}`;
}
