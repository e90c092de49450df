//! The framed channel between the host and the worker: a dedicated pipe pair (fd 3 into the
//! worker, fd 4 out of it), never the worker's stdout, which user code can write. A frame is a
//! 4-byte big-endian length and that many bytes of UTF-8 JSON. The host treats every frame as
//! untrusted: a frame over [`MAX_FRAME`] or one that is not JSON ends the worker.

use std::io::{Read, Write};

/// The largest frame the host accepts (a step's kept output is far smaller).
pub const MAX_FRAME: usize = 64 * 1024 * 1024;

/// Why a frame could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FrameError {
    #[error("the worker closed its channel")]
    Closed,
    #[error("frame of {0} bytes exceeds the {MAX_FRAME}-byte limit")]
    TooLarge(usize),
    #[error("frame is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("channel I/O error: {0}")]
    Io(#[from] std::io::Error),
}

/// Writes one frame.
pub fn write_frame(out: &mut impl Write, value: &serde_json::Value) -> Result<(), FrameError> {
    let body = serde_json::to_vec(value)?;
    let len = u32::try_from(body.len()).map_err(|_| FrameError::TooLarge(body.len()))?;
    if body.len() > MAX_FRAME {
        return Err(FrameError::TooLarge(body.len()));
    }
    out.write_all(&len.to_be_bytes())?;
    out.write_all(&body)?;
    out.flush()?;
    Ok(())
}

/// Reads one frame.
pub fn read_frame(input: &mut impl Read) -> Result<serde_json::Value, FrameError> {
    let mut len = [0u8; 4];
    match input.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Err(FrameError::Closed),
        Err(e) => return Err(FrameError::Io(e)),
    }
    let len = u32::from_be_bytes(len) as usize;
    if len > MAX_FRAME {
        return Err(FrameError::TooLarge(len));
    }
    let mut body = vec![0u8; len];
    input.read_exact(&mut body).map_err(|e| {
        if e.kind() == std::io::ErrorKind::UnexpectedEof {
            FrameError::Closed
        } else {
            FrameError::Io(e)
        }
    })?;
    Ok(serde_json::from_slice(&body)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn frames_round_trip_in_order() -> Result<(), FrameError> {
        let mut buf = Vec::new();
        write_frame(&mut buf, &json!({"op": "exec", "code": "x = 1"}))?;
        write_frame(
            &mut buf,
            &json!({"op": "reply", "ok": true, "value": [1, "é"]}),
        )?;
        assert_eq!(&buf[..4], &28u32.to_be_bytes());
        let mut input = buf.as_slice();
        assert_eq!(
            read_frame(&mut input)?,
            json!({"op": "exec", "code": "x = 1"})
        );
        assert_eq!(
            read_frame(&mut input)?,
            json!({"op": "reply", "ok": true, "value": [1, "é"]})
        );
        assert!(matches!(read_frame(&mut input), Err(FrameError::Closed)));
        Ok(())
    }

    #[test]
    fn oversized_and_garbage_frames_are_rejected() {
        let mut huge = ((MAX_FRAME + 1) as u32).to_be_bytes().to_vec();
        huge.extend_from_slice(b"{}");
        assert!(matches!(
            read_frame(&mut huge.as_slice()),
            Err(FrameError::TooLarge(n)) if n == MAX_FRAME + 1
        ));
        let mut garbage = 3u32.to_be_bytes().to_vec();
        garbage.extend_from_slice(b"{x}");
        assert!(matches!(
            read_frame(&mut garbage.as_slice()),
            Err(FrameError::Json(_))
        ));
        let truncated = [0u8, 0, 0, 9, b'{'];
        assert!(matches!(
            read_frame(&mut truncated.as_slice()),
            Err(FrameError::Closed)
        ));
    }
}
