<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.views.compare_view</name>
    <message>
      <location filename="cnnviz/core/views/compare_view.py" />
      <source>max |a−b| {max_abs}, rel. L2 {rel_l2}</source>
      <translation>最大 |a−b| {max_abs}，相对 L2 {rel_l2}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/compare_view.py" />
      <source>{numbers}, Spearman {rank}</source>
      <translation>{numbers}，Spearman {rank}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/compare_view.py" />
      <source>compare: expected a tensor, got {type}</source>
      <translation>对比：需要张量，得到的是 {type}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/compare_view.py" />
      <source>compare: cannot draw a tensor of shape {shape}; expected [1, C, H, W], [C, H, W] or [H, W]</source>
      <translation>对比：无法绘制形状为 {shape} 的张量；应为 [1, C, H, W]、[C, H, W] 或 [H, W]</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/compare_view.py" />
      <source>A and B differ in shape ({a} and {b}): they cannot be compared</source>
      <translation>A 与 B 形状不同（{a} 和 {b}）：无法对比</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/compare_view.py" />
      <source>compare: a difference needs a diverging colour map (coolwarm or seismic), not '{cmap}'</source>
      <translation>对比：差值需要发散型色图（coolwarm 或 seismic），而不是“{cmap}”</translation>
    </message>
  </context>
</TS>
