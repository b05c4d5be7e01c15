<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.analysis.units</name>
    <message>
      <location filename="cnnviz/core/analysis/units.py" />
      <source>no layer given: give a module path (cnnviz summary lists them), 'input' or 'output'</source>
      <translation>没有指定层：请给出一个模块路径（cnnviz summary 会列出它们）、'input' 或 'output'</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/units.py" />
      <source>{layer} is a part of a block, not a module's output: give a module path (e.g. {examples})</source>
      <translation>{layer} 是模块的一部分，不是某个模块的输出：请给出一个模块路径（例如 {examples}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/units.py" />
      <source>one from cnnviz summary</source>
      <translation>cnnviz summary 列出的某一个</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/units.py" />
      <source>unknown layer {layer}. Did you mean {close}? (cnnviz summary lists the layers)</source>
      <translation>未知的层 {layer}。你是不是想用 {close}？（cnnviz summary 会列出各层）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/units.py" />
      <source>unknown layer {layer}. (cnnviz summary lists the layers)</source>
      <translation>未知的层 {layer}。（cnnviz summary 会列出各层）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/units.py" />
      <source>ran {calls} time(s) per forward pass</source>
      <translation>在每次前向传播中运行了 {calls} 次</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/units.py" />
      <source>did not run in the forward pass</source>
      <translation>在前向传播中没有运行</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/units.py" />
      <source>layer {key}: its module {runs} (in eval mode)</source>
      <translation>层 {key}：它的模块{runs}（在 eval 模式下）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/units.py" />
      <source>layer {key} gives a {type}, not a tensor: units need a tensor output</source>
      <translation>层 {key} 给出的是 {type}，而不是张量：单元分析需要张量输出</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/units.py" />
      <source>layer {key} has no channel dimension (its output has shape {shape}): units need N x C (x H x W)</source>
      <translation>层 {key} 没有通道维度（其输出形状为 {shape}）：单元分析需要 N x C (x H x W)</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/units.py" />
      <source>layer {key}: units need an output N x C, N x C x L or N x C x H x W with N the batch ({n}), got shape {shape}</source>
      <translation>层 {key}：单元分析需要形状为 N x C、N x C x L 或 N x C x H x W 的输出，其中 N 为批次大小（{n}），得到的形状为 {shape}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/units.py" />
      <source>unknown device {device}</source>
      <translation>未知的设备 {device}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/units.py" />
      <source>the model is on {where}, not {wanted}: load it there first</source>
      <translation>模型在 {where} 上，而不是 {wanted}：请先把模型加载到那里</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/units.py" />
      <source>batch size</source>
      <translation>批次大小</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/units.py" />
      <source>number of workers</source>
      <translation>工作进程数</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/units.py" />
      <source>the {name} must be a whole number from {low} to {high}, not {value!r}</source>
      <translation>{name}必须是 {low} 到 {high} 之间的整数，而不是 {value!r}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/units.py" />
      <source>image indices must be from 0 to {last}</source>
      <translation>图像索引必须在 0 到 {last} 之间</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/units.py" />
      <source>units need a torch.nn.Module, not {type}</source>
      <translation>单元分析需要一个 torch.nn.Module，而不是 {type}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/units.py" />
      <source>units need a dataset from open_units_dataset, not {type}</source>
      <translation>单元分析需要一个由 open_units_dataset 打开的数据集，而不是 {type}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/units.py" />
      <source>{source}: none of its {n} image(s) could be read ({reason})</source>
      <translation>{source}：其中的 {n} 张图像都无法读取（{reason}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/units.py" />
      <source>no images</source>
      <translation>没有图像</translation>
    </message>
  </context>
</TS>
