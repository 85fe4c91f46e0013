// AudioWorklet that hands captured audio to the offscreen document in blocks of
// about 2048 frames (fewer messages than Web Audio's 128-frame quanta), with the
// context time of each block's first frame. Plain JavaScript: worklet modules are
// loaded by URL, and the extension's CSP allows only its own files.
class IntervjuCapture extends AudioWorkletProcessor {
  constructor() {
    super();
    this.size = 2048;
    this.buffer = new Float32Array(this.size);
    this.filled = 0;
    this.blockTime = 0;
  }

  process(inputs) {
    const input = inputs[0];
    if (!input || input.length === 0) return true;
    const frames = input[0].length;
    if (this.filled === 0) this.blockTime = currentTime;
    // Downmix here: each channel of the recording is one speaker already.
    for (let i = 0; i < frames; i++) {
      let sum = 0;
      for (let c = 0; c < input.length; c++) sum += input[c][i];
      this.buffer[this.filled + i] = sum / input.length;
    }
    this.filled += frames;
    if (this.filled + frames > this.size) {
      const block = this.buffer.slice(0, this.filled);
      this.port.postMessage({ samples: block, time: this.blockTime }, [block.buffer]);
      this.filled = 0;
    }
    return true;
  }
}

registerProcessor('intervju-capture', IntervjuCapture);
