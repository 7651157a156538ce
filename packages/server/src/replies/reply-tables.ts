import type { Timestamp } from '../store/database.js';

/** Row of reply_files (migration 0006-replies). `name` is encrypted (it may name the person); `content` is the encrypted file. */
export interface ReplyFilesTable {
  id: string;
  request_id: string;
  kind: 'upload' | 'package';
  system_id: string | null;
  system_name: string | null;
  provided_by_person: boolean;
  name: string;
  content_type: string;
  size_bytes: string | number;
  sha256: string;
  data_key: string | null;
  content: Uint8Array | null;
  created_at: Timestamp;
  created_by_type: string;
  created_by_id: string | null;
  expires_at: Timestamp | null;
  purged_at: Timestamp | null;
}

/** Row of reply_links: a download link; only the SHA-256 of its token is stored. */
export interface ReplyLinksTable {
  id: string;
  request_id: string;
  file_id: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  max_downloads: number;
  downloads: number;
  last_download_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

declare module '../store/database.js' {
  interface Database {
    reply_files: ReplyFilesTable;
    reply_links: ReplyLinksTable;
  }
}
