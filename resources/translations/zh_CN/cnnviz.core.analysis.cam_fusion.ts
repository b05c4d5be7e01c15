<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.analysis.cam_fusion</name>
    <message>
      <location filename="cnnviz/core/analysis/cam_fusion.py" />
      <source>LayerCAM fusion: the map of {key} is a {type}, not a tensor</source>
      <translation>LayerCAM 融合：{key} 的图是 {type}，而不是张量</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/cam_fusion.py" />
      <source>LayerCAM fusion: the map of {key} has shape {shape}; expected (N, 1, h, w) as the class activation maps give them</source>
      <translation>LayerCAM 融合：{key} 的图形状为 {shape}；应为类激活图给出的 (N, 1, h, w)</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/cam_fusion.py" />
      <source>LayerCAM fusion needs at least one layer's map</source>
      <translation>LayerCAM 融合至少需要一个层的图</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/cam_fusion.py" />
      <source>LayerCAM fusion: no map for {unknown}; the maps are: {maps}</source>
      <translation>LayerCAM 融合：没有 {unknown} 的图；现有的图是：{maps}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/cam_fusion.py" />
      <source>LayerCAM fusion: the size must be (H, W), got {size}</source>
      <translation>LayerCAM 融合：尺寸必须是 (H, W)，得到的是 {size}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/cam_fusion.py" />
      <source>LayerCAM fusion: shallow must be 'auto', 'all', 'none' or layer keys, not {shallow!r}</source>
      <translation>LayerCAM 融合：shallow 必须是 'auto'、'all'、'none' 或层的键，而不是 {shallow!r}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/cam_fusion.py" />
      <source>LayerCAM fusion: the map of {key} holds {count} samples, the others {samples}</source>
      <translation>LayerCAM 融合：{key} 的图有 {count} 个样本，其他图有 {samples} 个</translation>
    </message>
  </context>
</TS>
