/**
 * The ffmpeg output arguments of every HLS stream the platform serves, generated lecture videos
 * (scripts/build-media.ts) and trainers' recordings (scripts/video.ts) alike: VOD playlists, fMP4 segments
 * with one init.mp4 per rendition, and master.m3u8 naming the renditions. The player and the lesson's
 * `video.src` (…/master.m3u8) rely on this layout.
 */
import { join } from 'node:path';

export function hlsOutputArgs(outDir: string, segmentSeconds: number, renditions: readonly { name: string }[]): string[] {
  return [
    '-f',
    'hls',
    '-hls_time',
    String(segmentSeconds),
    '-hls_playlist_type',
    'vod',
    '-hls_segment_type',
    'fmp4',
    '-hls_fmp4_init_filename',
    'init.mp4',
    '-hls_segment_filename',
    join(outDir, '%v', 'seg%03d.m4s'),
    '-master_pl_name',
    'master.m3u8',
    '-var_stream_map',
    renditions.map((r, i) => `v:${i},a:${i},name:${r.name}`).join(' '),
    join(outDir, '%v', 'index.m3u8'),
  ];
}
