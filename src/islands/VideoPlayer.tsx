/** Placeholder until the video issue: plays the HLS stream natively where supported. */
export default function VideoPlayer(props: { lessonId: string; src: string; captions?: string; poster?: string; duration: number; threshold: number }) {
  return (
    <video controls preload="none" poster={props.poster} src={props.src} style={{ width: '100%' }}>
      {props.captions && <track kind="captions" srclang="zh" label="中文" src={props.captions} default />}
    </video>
  );
}
