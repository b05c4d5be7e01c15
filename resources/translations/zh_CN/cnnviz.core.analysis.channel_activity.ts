<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.analysis.channel_activity</name>
    <message>
      <location filename="cnnviz/core/analysis/channel_activity.py" />
      <source>unknown layer '{name}': the activity has {names}</source>
      <translation>未知的层 '{name}'：活跃度统计中的层有 {names}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/channel_activity.py" />
      <source>channel activity needs a torch.nn.Module, not {type}</source>
      <translation>通道活跃度统计需要一个 torch.nn.Module，而不是 {type}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/channel_activity.py" />
      <source>the batch size must be a positive integer, not {batch_size!r}</source>
      <translation>批次大小必须是正整数，而不是 {batch_size!r}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/channel_activity.py" />
      <source>the image limit must be a positive integer or None, not {limit!r}</source>
      <translation>图像数量上限必须是正整数或 None，而不是 {limit!r}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/channel_activity.py" />
      <source>channel activity cancelled</source>
      <translation>通道活跃度统计已取消</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/channel_activity.py" />
      <source>{folder}: none of its {n} image file(s) could be read ({skipped})</source>
      <translation>{folder}：其中的 {n} 个图像文件都无法读取（{skipped}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/channel_activity.py" />
      <source>channel activity needs at least one image</source>
      <translation>通道活跃度统计至少需要一张图像</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/channel_activity.py" />
      <source>skipped {n} unreadable file(s), e.g. {first}</source>
      <translation>跳过了 {n} 个无法读取的文件，例如 {first}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/channel_activity.py" />
      <source>the model cannot take these images {shape}: {first}</source>
      <translation>模型无法接受这些图像 {shape}：{first}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/channel_activity.py" />
      <source>the model has no activation modules: name the layers to measure</source>
      <translation>模型中没有激活模块：请指定要统计的层</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/channel_activity.py" />
      <source>layer '{name}' has no channels (output shape {shape})</source>
      <translation>层 '{name}' 没有通道（输出形状为 {shape}）</translation>
    </message>
  </context>
</TS>
