"""mlu_render."""
