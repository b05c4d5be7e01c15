<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.analysis.maximise</name>
    <message>
      <location filename="cnnviz/core/analysis/maximise.py" />
      <source>layer {key} did not run in the forward pass; choose a layer the model uses</source>
      <translation>层 {key} 在前向传播中没有运行；请选择模型实际用到的层</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/maximise.py" />
      <source>layer {key} gives {type}, not a tensor; choose another layer</source>
      <translation>层 {key} 给出的是 {type}，而不是张量；请选择其他层</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/maximise.py" />
      <source>layer {key} has no channels (its output is {shape}); choose a layer with channels</source>
      <translation>层 {key} 没有通道（其输出为 {shape}）；请选择一个有通道的层</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/maximise.py" />
      <source>class {channel} is out of range: layer {key} has classes 0-{last}</source>
      <translation>类别 {channel} 超出范围：层 {key} 的类别为 0-{last}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/maximise.py" />
      <source>channel {channel} is out of range: layer {key} has channels 0-{last}</source>
      <translation>通道 {channel} 超出范围：层 {key} 的通道为 0-{last}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/maximise.py" />
      <source>layer {key} has no (y, x) positions (its output is {shape}); leave the unit out</source>
      <translation>层 {key} 没有 (y, x) 位置（其输出为 {shape}）；请不要指定单元</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/maximise.py" />
      <source>unit ({y}, {x}) is out of range: layer {key} is {h}x{w} (y 0-{last_y}, x 0-{last_x})</source>
      <translation>单元 ({y}, {x}) 超出范围：层 {key} 的大小为 {h}x{w}（y 为 0-{last_y}，x 为 0-{last_x}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/maximise.py" />
      <source>{name} must be a whole number, not {value!r}</source>
      <translation>{name}必须是整数，而不是 {value!r}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/maximise.py" />
      <source>{name} must be {low}-{high}, not {number}</source>
      <translation>{name}必须在 {low}-{high} 之间，而不是 {number}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/maximise.py" />
      <source>the size must be one number or (height, width), not {size!r}</source>
      <translation>尺寸必须是一个数或 (高, 宽)，而不是 {size!r}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/maximise.py" />
      <source>the size</source>
      <translation>尺寸</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/maximise.py" />
      <source>the model is on {own}, not {wanted}: load it there (or leave the device out)</source>
      <translation>模型在 {own} 上，而不是 {wanted}：请把模型加载到那里（或不指定设备）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/maximise.py" />
      <source>the target class</source>
      <translation>目标类别</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/maximise.py" />
      <source>a target class is only for layer 'output'; give a channel for other layers</source>
      <translation>目标类别只用于层 'output'；其他层请给出通道</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/maximise.py" />
      <source>give a channel of layer {layer}</source>
      <translation>请给出层 {layer} 的一个通道</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/maximise.py" />
      <source>give a target class</source>
      <translation>请给出一个目标类别</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/maximise.py" />
      <source>the channel</source>
      <translation>通道</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/maximise.py" />
      <source>the unit must be (y, x), not {unit!r}</source>
      <translation>单元必须是 (y, x)，而不是 {unit!r}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/maximise.py" />
      <source>the unit's y</source>
      <translation>单元的 y</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/maximise.py" />
      <source>the unit's x</source>
      <translation>单元的 x</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/maximise.py" />
      <source>maximisation needs a torch.nn.Module that takes forward hooks, not {type}</source>
      <translation>激活最大化需要一个能挂前向钩子的 torch.nn.Module，而不是 {type}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/maximise.py" />
      <source>steps</source>
      <translation>步数</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/maximise.py" />
      <source>the learning rate must be a positive number, not {lr!r}</source>
      <translation>学习率必须是正数，而不是 {lr!r}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/maximise.py" />
      <source>the seed</source>
      <translation>随机种子</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/maximise.py" />
      <source>the model cannot take a {channels}x{h}x{w} input: {first}</source>
      <translation>模型无法接受 {channels}x{h}x{w} 的输入：{first}</translation>
    </message>
  </context>
</TS>
